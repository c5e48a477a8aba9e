using QueueCore.Grpc.Hosting;

// The hall server. With nothing configured it serves the built-in demo hall and prints a demo key per role.
await QueueCoreServer.Build(args).RunAsync().ConfigureAwait(false);
