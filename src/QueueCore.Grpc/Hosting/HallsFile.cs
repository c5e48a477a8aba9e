namespace QueueCore.Grpc.Hosting;

/// <summary>
/// Adds the halls file named by <c>QueueCoreServer:HallsFile</c> to the configuration, refusing one that cannot give the
/// server its halls with a message naming the key: a missing file failed with the configuration library's "The
/// configuration file 'halls.json' was not found", and a file without the <c>QueueCore</c> wrapper
/// (<c>{ "Halls": [...] }</c>) was read without a word, its halls nowhere, and the server served its demo hall instead.
/// </summary>
internal static class HallsFile
{
    private const string Key = $"{QueueCoreServer.Section}:{nameof(ServerOptions.HallsFile)}";

    /// <summary>
    /// Adds <paramref name="file"/> to <paramref name="configuration"/>. A relative path is beside the server
    /// (<paramref name="contentRoot"/>), as the journal's directory is: read from the process's working directory,
    /// "halls.json" in appsettings.json was not found when a service manager started the server from elsewhere.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such file, not JSON, or no halls under <c>QueueCore:Halls</c> in it.</exception>
    public static void Add(IConfigurationBuilder configuration, string file, string contentRoot)
    {
        var path = Path.GetFullPath(file, contentRoot);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Configuration value '{file}' at '{Key}' is invalid: there is no file {path} (a relative path is taken from the server's content root, {contentRoot}).");
        }

        IConfigurationRoot own;
        try
        {
            own = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidOperationException(
                $"Configuration value '{file}' at '{Key}' is invalid: {path} is not a JSON file the server can read: {e.GetBaseException().Message}", e);
        }

        if (!own.GetSection("QueueCore:Halls").GetChildren().Any())
        {
            var keys = string.Join(", ", own.GetChildren().Select(c => c.Key));
            throw new InvalidOperationException(
                $"Configuration value '{file}' at '{Key}' is invalid: {path} has no halls under QueueCore:Halls (its top-level keys: {(keys.Length == 0 ? "none" : keys)}); a halls file is shaped {{ \"QueueCore\": {{ \"Halls\": [ ... ] }} }}, as appsettings.json's QueueCore section.");
        }

        configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
    }
}
