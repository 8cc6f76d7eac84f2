// Package dashboard provides Dashboard (tenk:ops:Dashboard): one CloudWatch dashboard for a
// tenk stack, with a row of graphs per tier and the status of every alarm the components ship.
//
// The type token's module is "ops", not the package's name: the token names the dashboard's role
// (operations) and is part of every child's URN, so it stays as it is (renaming it would replace
// the dashboard); the package is named for what it builds.
//
// Rows, top to bottom, each present only when its tier is given: alarm status; CloudFront
// requests and 4xx/5xx error rates; the WAF web ACL's allowed and blocked requests; load balancer requests, 5xx, p99 latency and healthy hosts;
// Auto Scaling in-service versus desired instances; database CPU, connections, memory, free
// storage and each replica's lag; cache CPU and engine CPU, memory, evictions, connections and
// replication lag per member; DynamoDB consumed capacity, throttles and system errors.
//
// The dashboard body is built by Body, a pure function of plain values (Spec), so it is tested
// without Pulumi; its metrics use the namespaces and dimension names the components' alarms use
// (components/internal/alarms), so every alarmed series has its graph. The package imports only
// the cloudwatch service package, so embedders of other components don't compile it.
package dashboard
