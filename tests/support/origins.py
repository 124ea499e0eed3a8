"""Well-formed Chrome extension origins (32 letters a-p) for tests that act as the extension."""
EXTENSION_ORIGIN = "chrome-extension://" + "abcdefghijklmnopabcdefghijklmnop"
OTHER_EXTENSION_ORIGIN = "chrome-extension://" + "ponmlkjihgfedcbaponmlkjihgfedcba"
