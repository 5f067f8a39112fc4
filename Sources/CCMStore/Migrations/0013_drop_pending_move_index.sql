-- No index covers stored_as, so confirming a move is a HOT update; unconfirmed moves are found by one scan at the start of a run.

DROP INDEX IF EXISTS documents_pending_move;
