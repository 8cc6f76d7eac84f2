// Command hello is a stand-in binary for imagebuild's quick test: it compiles in seconds for
// any platform, where the application takes minutes per platform on a 2-core machine.
package main

import "fmt"

func main() { fmt.Println("hello from the image") }
