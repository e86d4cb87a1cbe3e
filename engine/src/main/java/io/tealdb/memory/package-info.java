/**
 * Memory accounting shared by the whole database: {@link io.tealdb.memory.MemoryManager} (one per
 * database, the {@code memory_limit}) and {@link io.tealdb.memory.Reservation}s taken by statements
 * (execution) and caches (storage). Depends only on {@code io.tealdb.error}.
 */
package io.tealdb.memory;
