using QueueCore.Grpc.Hosting;

// The hall server. With nothing configured it serves the built-in demo hall and prints a demo key per role.
// A server that cannot start (a full or unusable journal directory, invalid configuration) logs why and exits with 1.
return await QueueCoreServer.RunAsync(args).ConfigureAwait(false);
