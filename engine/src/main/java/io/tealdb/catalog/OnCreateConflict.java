package io.tealdb.catalog;

/** What CREATE does when the name is taken: fail, do nothing (IF NOT EXISTS), or replace (OR REPLACE). */
public enum OnCreateConflict { ERROR, IGNORE, REPLACE }
