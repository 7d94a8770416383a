// The KubeClient module; see README.md for the layering.
