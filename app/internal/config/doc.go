// Package config reads the application's settings from its environment: exactly the variables
// the stack writes to /etc/tenk/app.env (README, "What the application reads") plus APP_PORT,
// APP_HEALTH_PATH and AWS_REGION. Anything missing or malformed stops the start with an error
// that names the variable and says how to fix it.
package config
