//! Parsing the activity the platform POSTs to a `callback_url`.
