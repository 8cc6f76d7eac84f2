// Package cache provides CacheCluster (tenk:cache:CacheCluster): the in-memory tier that takes hot
// reads off the database.
//
// With Valkey (the default) or Redis OSS it builds an ElastiCache replication group of 1–6 nodes
// placed in distinct Availability Zones, with automatic failover and Multi-AZ from two nodes,
// encryption in transit and at rest always on, a generated AUTH token kept in a Secrets Manager
// secret, daily snapshots, a final snapshot on delete, and slow and engine logs in CloudWatch
// Logs. With Memcached it builds a cluster of 1–40 nodes spread across AZs, with TLS on.
//
// Either way it owns the subnet group, a security group that admits only the security groups it
// is given on the engine's port, and CloudWatch alarms on CPU, memory, evictions, replication lag
// and connections.
package cache
