"""Reading and normalising the centre's files: plain functions that know nothing of Dagster."""
