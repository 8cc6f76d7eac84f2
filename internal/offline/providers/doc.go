// Package providers stands in, under internal/offline/monitor, for the providers and remote
// components tenk's program uses (pulumi-aws, awsx, pulumi-random): the outputs they compute
// (IDs, ARNs, endpoints, auto-names), the answers to the lookups the components make, and the
// checks awsx's Vpc makes at preview (ReplayAwsxVpc). All returns them, one stub per token; each
// file holds the stubs of one service.
//
// The plan CLI runs the whole program with them, so this package imports no testing code.
package providers
