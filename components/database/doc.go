// Package database provides RdsWithReplicas (tenk:database:RdsWithReplicas): the data tier of the
// tenk architecture.
//
// In RDS mode (PostgreSQL, the default, or MySQL) it builds a primary DB instance with a
// synchronous Multi-AZ standby and up to 15 read replicas spread round-robin across the network's
// Availability Zones. In Aurora mode (Aurora PostgreSQL or Aurora MySQL) it builds a cluster with
// one writer and up to 15 readers. Either way it owns the DB subnet group, a security group that
// admits only the security groups it is given, a parameter group that enforces TLS, the master
// credentials in Secrets Manager, enhanced monitoring and CloudWatch alarms.
//
// The name is older than Aurora mode and is kept, in Go and in the type token, because the token
// is part of every child's URN: renaming it would replace the database. Read it as "the relational
// database tier": it builds RDS instances or an Aurora cluster, and it builds no read replicas
// unless ReadReplicas asks for them (default 0, a primary with its Multi-AZ standby).
//
// Everything AWS would reject on a first deploy is checked by RdsWithReplicasArgs.Validate before
// any resource is registered.
package database
