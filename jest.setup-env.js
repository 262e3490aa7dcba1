// The AWS SDK warns once per process about Node 20; each Jest worker is a process, so the notice would
// be printed once per worker. It is for strata's maintainers, not for test output (the CLI silences it too).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
