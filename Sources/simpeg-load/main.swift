import SimpegLoad

// simpeg-load: drives a running simpegd (see `simpeg-load --help` and Sources/SimpegLoad).
await LoadCommand.start()
