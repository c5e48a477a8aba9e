namespace QueueCore.Grpc.Hosting;

/// <summary>
/// Where the server reads its <c>appsettings.json</c> and takes relative paths from (the journal's directory, a halls
/// file, certificates), unless the command line (<c>--contentRoot</c>) or the environment (<c>ASPNETCORE_CONTENTROOT</c>,
/// <c>DOTNET_CONTENTROOT</c>) names it: the working directory when it holds an <c>appsettings.json</c> (<c>dotnet run</c>
/// runs the server in its project's directory), else the server's own directory. ASP.NET Core takes the working
/// directory alone, so a server started from elsewhere (a service manager's <c>/</c>, <c>dotnet /opt/queuecore/QueueCore.Grpc.dll</c>)
/// read no appsettings.json at all: no journal (every ticket lost at the next restart), no endpoints (localhost:5000),
/// without a word.
/// </summary>
internal static class ServerContentRoot
{
    private const string Settings = "appsettings.json";

    /// <summary>The content root to build the server with, or null when the command line or the environment gives one.</summary>
    public static string? Default(string[] args)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[WebHostDefaults.ContentRootKey];
        if (!string.IsNullOrEmpty(given))
        {
            return null;
        }

        var working = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(working, Settings)) ? working : AppContext.BaseDirectory;
    }
}
