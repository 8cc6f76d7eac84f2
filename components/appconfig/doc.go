// Package appconfig provides AppConfig (tenk:app:AppConfig): how instances learn where everything
// is without secrets in user data. Non-secret settings (endpoints, ports, names, secret ARNs) become
// SSM String parameters under one path; the roles it is given may read exactly those parameters,
// nothing else. The secrets a setting names are granted by the tier that owns them (the
// database's and the cache's SecretReadPolicy), attached by the caller.
package appconfig
