package cache

// placement returns the AZ for each of n nodes: round-robin over azs, so any two nodes land in
// distinct AZs while n <= len(azs), and no AZ holds more than one node more than another when n is
// larger. Node 0 (a replication group's primary) takes azs[0]. Growing n only appends, so adding a
// node never moves an existing one. It returns nil when azs is empty.
func placement(azs []string, n int) []string {
	if len(azs) == 0 || n <= 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = azs[i%len(azs)]
	}
	return out
}
