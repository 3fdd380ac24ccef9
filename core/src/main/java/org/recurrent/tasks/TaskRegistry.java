package org.recurrent.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tasks a config may name, by {@link Task#name()}. Immutable: {@link #standard()} holds the built-in tasks
 * and {@link #with} returns a registry with one more (a user's own task), so nothing global is ever mutated.
 */
public final class TaskRegistry {
  private final Map<String, Task> tasks;

  private TaskRegistry(Map<String, Task> tasks) {
    this.tasks = Map.copyOf(tasks);
    this.order = List.copyOf(tasks.keySet());
  }

  private final List<String> order;

  private static final TaskRegistry STANDARD = of(List.of(new ClassificationTask(), new MultiLabelTask(),
      new RegressionTask(), new ForecastTask(), new TaggingTask(), new LanguageModelTask(), new OnsetTask(), new NextVisitTask(),
      new DeidTask(),
      new Seq2SeqTask(), new MedicationTask()));

  public static TaskRegistry standard() {
    return STANDARD;
  }

  private static TaskRegistry of(List<Task> list) {
    Map<String, Task> m = new LinkedHashMap<>();
    for (Task t : list) {
      if (m.put(t.name(), t) != null) throw new IllegalArgumentException("two tasks are named '" + t.name() + "'");
    }
    return new TaskRegistry(m);
  }

  /** This registry plus {@code task}; its name must be new. */
  public TaskRegistry with(Task task) {
    Map<String, Task> m = new LinkedHashMap<>();
    for (String name : order) m.put(name, tasks.get(name));
    if (m.put(task.name(), task) != null) throw new IllegalArgumentException("a task named '" + task.name() + "' exists");
    return new TaskRegistry(m);
  }

  /** The task a config names; the message lists the known ones. */
  public Task get(String name) {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("task is missing; expected one of " + order);
    Task t = tasks.get(name.trim().toLowerCase(Locale.ROOT));
    if (t == null) throw new IllegalArgumentException("unknown task '" + name + "'; expected one of " + order);
    return t;
  }

  public List<String> names() {
    return order;
  }
}
