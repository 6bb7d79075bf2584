"""The rules of the contract: definitions of every number, status, forecast, check and threshold, as pure code."""
