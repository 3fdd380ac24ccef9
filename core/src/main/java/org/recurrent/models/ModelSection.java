package org.recurrent.models;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The {@code model} section of a training config, one record per kind: the choices a user writes
 * ({@code kind: sequence}, {@code cell: gru}, {@code hidden_size: 128}); sizes that come from the data are filled
 * in by {@link ModelKind#spec}. {@code kind} may be left out for the {@code sequence} kind. Config readers
 * register every kind's section type under its name ({@link ModelRegistry#sectionTypes()}).
 */
// kind stays visible to the section record: an unknown kind falls back to the default type, which refuses it
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "kind", visible = true,
    defaultImpl = SequenceModelSection.class)
public interface ModelSection {
  /** The kind this section configures. */
  String kind();
}
