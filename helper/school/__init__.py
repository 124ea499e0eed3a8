"""The school's own data: the student roster (roster) and staff training acknowledgements (training).
May import the engine's roster detector and storage; never the web or API layers."""
