// The KubeYAML module; see README.md for the layering.
