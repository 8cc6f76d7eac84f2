// Package appconfig provides AppConfig (tenk:app:AppConfig): how instances learn where everything
// is without secrets in user data. Non-secret settings (endpoints, ports, names, secret ARNs) become
// SSM String parameters under one path; the roles it is given may read exactly those parameters
// and the Secrets Manager secrets it is given, nothing else.
package appconfig
