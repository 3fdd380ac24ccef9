/**
 * The training config file's schema: one record per section ({@code data}, {@code model}, {@code training}, ...),
 * validated in its compact constructor, holding the section's defaults, and {@link org.recurrent.config.ConfigFiles},
 * which reads YAML or JSON into them with messages that name the file, the line and the field.
 */
package org.recurrent.config;
