using System.Text.Json;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// The profiles of halls added at run time, kept in the journal's directory (<see cref="FileName"/>) so they survive
/// a restart as the halls themselves do: the engine's journal recovers a hall's definition and day, not what the
/// server knows of it. Each change rewrites the file whole, through a temporary file (fsynced) and a rename, then
/// fsyncs the directory, so a crash or a power loss leaves the old file or the new one, never half of one.
/// </summary>
internal sealed class HallProfileStore(string directory, ILogger logger)
{
    /// <summary>The file's name in the journal's directory.</summary>
    public const string FileName = "hall-profiles.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly string _path = Path.Combine(directory, FileName);

    /// <summary>The stored profiles by hall id; none when there is no file, or when it cannot be read (then kept aside, logged).</summary>
    public Dictionary<string, HallProfile> Load()
    {
        try
        {
            using var stream = File.OpenRead(_path);
            var stored = JsonSerializer.Deserialize<Dictionary<string, HallProfile>>(stream, Json) ?? [];
            return new Dictionary<string, HallProfile>(stored, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            // The halls are served with default profiles rather than not at all; the file is kept for a person to mend,
            // instead of being overwritten by the next change.
            var damaged = _path + ".damaged";
            try
            {
                File.Move(_path, damaged, overwrite: true);
            }
            catch (Exception moving) when (moving is IOException or UnauthorizedAccessException)
            {
                damaged = _path;
            }

            Log.ProfilesNotRead(logger, _path, e.Message, damaged);
            return new(StringComparer.Ordinal);
        }
    }

    /// <summary>Replaces the stored profiles with <paramref name="profiles"/>; a failure is logged (the server goes on).</summary>
    public void Save(IReadOnlyDictionary<string, HallProfile> profiles)
    {
        try
        {
            DurableFile.Replace(_path, stream => JsonSerializer.Serialize(stream, profiles, Json));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.ProfilesNotWritten(logger, _path, e.Message);
        }
    }
}
