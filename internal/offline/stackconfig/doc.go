// Package stackconfig reads a stack's configuration as the Pulumi CLI hands it to a program:
// Pulumi.yaml's declared defaults and types merged with Pulumi.<stack>.yaml (Load). The plan CLI
// and the stack tests use it to run the program offline, so it imports no testing code.
package stackconfig
