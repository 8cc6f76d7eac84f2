// Package appconfig provides AppConfig (tenk:app:AppConfig): how instances learn where everything
// is without secrets in user data. Non-secret settings (endpoints, ports, names, secret ARNs) become
// SSM String parameters under one path; the roles it is given may read exactly those parameters,
// nothing else. The secrets a setting names are granted by the tier that owns them (the
// database's and the cache's SecretReadPolicy), attached by the caller.
//
// The type token's module is "app", not the package's name: the token names what the settings
// are for (the application) and is part of every child's URN, so it stays as it is (renaming it
// would replace every parameter); the package is named for what it builds.
package appconfig
