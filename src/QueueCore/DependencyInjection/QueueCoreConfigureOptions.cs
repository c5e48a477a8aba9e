using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace QueueCore;

/// <summary>
/// Reads <see cref="QueueCoreOptions"/> from a configuration section (<c>Engine</c>, <c>Halls</c>) with
/// <see cref="ConfigurationReader"/>, when the options are first needed (so configuration sources added after
/// registration count). A member the section gives replaces the options' value; one it does not mention is left as it is.
/// </summary>
internal sealed class QueueCoreConfigureOptions(IConfiguration section) : IConfigureOptions<QueueCoreOptions>
{
    public void Configure(QueueCoreOptions options)
    {
        var read = ConfigurationReader.Read<QueueCoreOptions>(section);
        foreach (var member in ConfigurationReader.MembersGiven<QueueCoreOptions>(section))
        {
            member.Set!(options, member.Get!(read));
        }
    }
}
