// Package database connects to the stack's PostgreSQL (RDS or Aurora) the way the README asks:
// over TLS verified against the RDS CA bundle, signed in with short-lived IAM tokens (or the
// master secret when DB_IAM_AUTH is false), writes on the writer endpoint and reads on the
// replicas, and a pool that rides out a Multi-AZ failover: dead connections are dropped, new
// ones resolve the endpoint's DNS again, and reconnect attempts back off.
package database
