"""The audit log: validating and storing events and reports (events), the decisions the pages and
charts show (decisions), the files people download (downloads) and the forwarding to the district's log
pipeline (export). May import storage and validation; never the web or API layers."""
