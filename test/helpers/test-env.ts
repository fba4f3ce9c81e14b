/**
 * Settings every process a test starts inherits: budgets no test exhausts by accident, and
 * response bodies without extensions.rateLimit, so whole-response comparisons stay exact.
 * Tests of the rate limits set their own values.
 */
process.env.RATE_LIMIT_POINTS ??= "100000000";
process.env.RATE_LIMIT_KEY_POINTS ??= "100000000";
process.env.RATE_LIMIT_EXTENSIONS ??= "off";
