using QueueCore.Grpc.Load;

// The hall server under load: the real QueueCore server and a bare gRPC server of the same contracts, in one
// process run, measured by the same client code. See LoadCommand for the scenarios and options.
return await LoadCommand.RunAsync(args);
