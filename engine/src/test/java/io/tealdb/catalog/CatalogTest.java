package io.tealdb.catalog;

import io.tealdb.error.CatalogException;
import io.tealdb.error.TransactionException;
import io.tealdb.storage.Transaction;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class CatalogTest {
    private final DatabaseStorage db = new DatabaseStorage();
    private final Catalog cat = db.catalog();

    private TableEntry createT(Transaction txn, String name) {
        return cat.createTable(txn, null, name, List.of(new ColumnDefinition("a", LogicalType.INTEGER, false, null)),
                List.of(), OnCreateConflict.ERROR);
    }

    @Test
    void createIsTransactional() {
        Transaction t1 = db.begin();
        Transaction t2 = db.begin();
        createT(t1, "T");
        assertNotNull(cat.lookupRelation(t1, null, "t"), "case-insensitive, visible to creator");
        assertNull(cat.lookupRelation(t2, null, "t"));
        TransactionException conflict = assertThrows(TransactionException.class, () -> createT(t2, "t"));
        assertEquals("Catalog write-write conflict on create with \"t\"", conflict.getMessage());
        db.commit(t1);
        assertNull(cat.lookupRelation(t2, null, "t"), "older snapshot");
        Transaction t3 = db.begin();
        assertEquals("T", cat.getTable(t3, "main", "t").name());
        db.commit(t3);

        Transaction t4 = db.begin();
        createT(t4, "gone");
        db.rollback(t4);
        Transaction t5 = db.begin();
        assertNull(cat.lookupRelation(t5, null, "gone"));
        CatalogException e = assertThrows(CatalogException.class, () -> cat.getTable(t5, null, "gone"));
        assertEquals("Table with name gone does not exist!", e.getMessage());
    }

    @Test
    void messagesLikeDuckDb() {
        Transaction t = db.begin();
        createT(t, "t");
        assertEquals("Table with name \"t\" already exists!", assertThrows(CatalogException.class, () -> createT(t, "t")).getMessage());
        assertNull(cat.createTable(t, null, "t", List.of(new ColumnDefinition("a", LogicalType.INTEGER, false, null)), List.of(), OnCreateConflict.IGNORE));
        assertEquals("Table with name \"t\" already exists!", assertThrows(CatalogException.class,
                () -> cat.createView(t, new ViewEntry(null, "t", "select 1", List.of(), List.of(), List.of()), OnCreateConflict.ERROR)).getMessage());
        assertEquals("Table with name \"s.xyz\" does not exist because schema \"s\" does not exist.",
                assertThrows(CatalogException.class, () -> cat.getTable(t, "s", "xyz")).getMessage());
        assertEquals("Existing object \"t\" is of type Table, trying to drop type View",
                assertThrows(CatalogException.class, () -> cat.drop(t, EntryKind.VIEW, null, "t", false)).getMessage());
        cat.createSchema(t, "s", OnCreateConflict.ERROR);
        assertEquals("Schema with name \"s\" already exists!", assertThrows(CatalogException.class, () -> cat.createSchema(t, "s", OnCreateConflict.ERROR)).getMessage());
        assertEquals("Schema with name nosuch does not exist!", assertThrows(CatalogException.class, () -> cat.dropSchema(t, "nosuch", false, false)).getMessage());
        cat.createTable(t, "s", "inner", List.of(new ColumnDefinition("a", LogicalType.INTEGER, false, null)), List.of(), OnCreateConflict.ERROR);
        assertThrows(CatalogException.class, () -> cat.dropSchema(t, "s", false, false));
        cat.dropSchema(t, "s", false, true);
        assertFalse(cat.schemaExists(t, "s"));
        cat.createMacro(t, new MacroEntry(null, "m", List.of("a"), Map.of(), "a+1", false), OnCreateConflict.ERROR);
        assertEquals("Macro Function with name \"m\" already exists!", assertThrows(CatalogException.class,
                () -> cat.createMacro(t, new MacroEntry(null, "m", List.of("a"), Map.of(), "a+1", false), OnCreateConflict.ERROR)).getMessage());
        SequenceEntry seq = cat.createSequence(t, null, "sq", SequenceState.defaults(null, 1, null, null, false), OnCreateConflict.ERROR);
        assertEquals(1, seq.state().nextValue("sq"));
        assertEquals(2, cat.getSequence(t, null, "SQ").state().nextValue("sq"));
        createT(t, "t2");
        assertEquals("Could not rename \"t\" to \"t2\": another entry with this name already exists!",
                assertThrows(CatalogException.class, () -> cat.rename(t, EntryKind.TABLE, null, "t", "t2")).getMessage());
        db.commit(t);
    }

    @Test
    void temp_isAnOrdinarySchemaName_unqualifiedNamesResolveInMain() {
        // temporary objects live in each session's own temp database, not in a database's catalog
        Transaction t = db.begin();
        assertFalse(cat.schemaExists(t, "temp"));
        createT(t, "x");
        assertTrue(cat.createSchema(t, "temp", OnCreateConflict.ERROR));
        cat.createTable(t, "temp", "x", List.of(new ColumnDefinition("b", LogicalType.VARCHAR, false, null)), List.of(), OnCreateConflict.ERROR);
        assertEquals("main", cat.getTable(t, null, "x").schema());
        assertEquals("temp", cat.getTable(t, "temp", "x").schema());
        cat.dropSchema(t, "temp", false, true);
        db.commit(t);
    }

    @Test
    void alterTableAddRenameDropAndRollback() {
        Transaction t = db.begin();
        TableEntry e = createT(t, "t");
        DataChunk c = new DataChunk(List.of(LogicalType.INTEGER));
        c.column(0).ints[0] = 7;
        c.setSize(1);
        e.storage().append(t, c);
        db.commit(t);

        Transaction a = db.begin();
        TableEntry added = cat.addColumn(a, null, "t", new ColumnDefinition("b", LogicalType.VARCHAR, false, null), Value.ofVarchar("d"), false);
        assertEquals(2, added.columns().size());
        assertEquals("Column with name \"b\" already exists!", assertThrows(CatalogException.class,
                () -> cat.addColumn(a, null, "t", new ColumnDefinition("b", LogicalType.VARCHAR, false, null), null, false)).getMessage());
        cat.rename(a, EntryKind.TABLE, null, "t", "u");
        assertNull(cat.lookupRelation(a, null, "t"));
        assertEquals(2, cat.getTable(a, null, "u").columns().size());
        db.rollback(a);

        Transaction b = db.begin();
        TableEntry back = cat.getTable(b, null, "t");
        assertEquals(1, back.columns().size());
        assertNull(cat.lookupRelation(b, null, "u"));
        // the old storage is writable again after the ALTER was rolled back
        back.storage().append(b, c);
        TableEntry renamedCol = cat.renameColumn(b, null, "t", "a", "z");
        assertEquals(0, renamedCol.columnIndex("Z"));
        db.commit(b);
    }
}
