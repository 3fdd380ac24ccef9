/**
 * Seeded long-memory tasks, generated rather than read: the adding problem, the copy (memory) task and
 * pixel-by-pixel classification of drawn digits ({@link org.recurrent.data.synthetic.LongMemoryTask}). Each makes
 * any number of records at any length T from one seed, and states its chance level exactly
 * ({@link org.recurrent.data.synthetic.ChanceLevel}); see docs/vanishing-gradients.md.
 */
package org.recurrent.data.synthetic;
