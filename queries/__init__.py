"""SQL over the enumeration database: functions that take an engine or connection and return DataFrames."""
