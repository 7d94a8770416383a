// The ClusterSimulator module; see README.md for the layering.
