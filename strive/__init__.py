"""The Strive API project: settings, URLs and the API's shared plumbing."""
