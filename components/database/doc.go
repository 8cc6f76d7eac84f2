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
// Everything AWS would reject on a first deploy is checked by RdsWithReplicasArgs.Validate before
// any resource is registered.
package database
