// Runs before every test file.
// The SDK warns once per process that its 2027 releases need Node 22; tests run on Node 20 and 22 alike.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Hooks log through Powertools; tests that read logs inject a logger or raise the level themselves.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
