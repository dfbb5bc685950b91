"""The processed tables' contracts: columns, types, loaders and the Data Package."""
