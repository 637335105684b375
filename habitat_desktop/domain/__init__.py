"""The domain: records, enumerations and the rules that hold regardless of storage or screen."""
