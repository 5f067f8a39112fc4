-- A document's move is confirmed after its group commits (stored_as): room left on its page keeps that update HOT, not one entry more in each of its eight indexes.
ALTER TABLE documents SET (fillfactor = 50);
