"""HTTP API of BudgetLens: uploads, jobs, results, exports, webhooks, metrics."""
