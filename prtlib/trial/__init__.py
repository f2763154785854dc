"""The PRT trial: its published numbers (the ledger), its participants, and the tables and designs built from them; imports only from prtlib.stats."""
