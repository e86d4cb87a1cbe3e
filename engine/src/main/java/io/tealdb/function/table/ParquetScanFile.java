package io.tealdb.function.table;

import io.tealdb.io.parquet.FileMetadata;
import io.tealdb.io.parquet.ParquetSchema;
import io.tealdb.types.Value;

import java.nio.file.Path;
import java.util.Map;

/**
 * One file of a read_parquet scan, as bound: its decoded footer and schema, its hive partition
 * values (typed, by output column name), and for every output column the index of the file's field
 * that feeds it (-1: none, the column is NULL or a partition/filename constant).
 */
record ParquetScanFile(Path path, FileMetadata metadata, ParquetSchema schema, Map<String, Value> partitions, int[] fieldOf) {
}
