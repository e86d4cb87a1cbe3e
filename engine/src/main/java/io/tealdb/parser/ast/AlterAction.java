package io.tealdb.parser.ast;

import java.util.List;

/**
 * What an ALTER TABLE does.
 */
public sealed interface AlterAction extends Node
        permits AlterAction.AddColumn,
        AlterAction.DropColumn,
        AlterAction.RenameColumn,
        AlterAction.RenameTable,
        AlterAction.AlterColumnType,
        AlterAction.SetDefault,
        AlterAction.DropDefault,
        AlterAction.SetNotNull,
        AlterAction.DropNotNull,
        AlterAction.AddConstraint,
        AlterAction.AddField,
        AlterAction.DropField,
        AlterAction.RenameField {
    record AddColumn(ColumnDef column, boolean ifNotExists, int pos) implements AlterAction {}

    record DropColumn(Identifier column, boolean ifExists, boolean cascade, int pos) implements AlterAction {}

    record RenameColumn(Identifier column, Identifier newName, int pos) implements AlterAction {}

    record RenameTable(Identifier newName, int pos) implements AlterAction {}

    /** ALTER [COLUMN] c [SET DATA] TYPE t [USING e]; using may be null. */
    record AlterColumnType(Identifier column, TypeName type, Expr using, int pos) implements AlterAction {}

    record SetDefault(Identifier column, Expr value, int pos) implements AlterAction {}

    record DropDefault(Identifier column, int pos) implements AlterAction {}

    record SetNotNull(Identifier column, int pos) implements AlterAction {}

    record DropNotNull(Identifier column, int pos) implements AlterAction {}

    record AddConstraint(TableConstraint constraint, int pos) implements AlterAction {}

    /** ADD [COLUMN] [IF NOT EXISTS] s.a.f type: field f added to the struct at {@code parent} (column first). */
    record AddField(List<Identifier> parent, ColumnDef field, boolean ifNotExists, int pos) implements AlterAction {}

    /** DROP [COLUMN] [IF EXISTS] s.a.f: {@code path} is the column, then the fields down to the dropped one. */
    record DropField(List<Identifier> path, boolean ifExists, int pos) implements AlterAction {}

    /** RENAME [COLUMN] s.a.f TO g: {@code path} is the column, then the fields down to the renamed one. */
    record RenameField(List<Identifier> path, Identifier newName, int pos) implements AlterAction {}
}
