"""The helper's HTTP API: one blueprint per concern, registered by helper.app.create_app."""
