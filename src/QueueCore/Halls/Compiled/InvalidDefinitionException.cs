namespace QueueCore;

/// <summary>
/// A hall definition that <see cref="HallCompiler"/> refuses: an <see cref="ArgumentException"/> naming the parameter of
/// every public method that takes a definition (<c>definition</c>: the hall's constructor, <c>QueueEngine.AddHall</c>,
/// <c>HallHandle.RedefineAsync</c>, ...), whose message is the compiler's sentence alone.
/// </summary>
/// <remarks>
/// <see cref="ArgumentException.Message"/> appends "(Parameter 'definition')", and the message travels on to people who
/// passed no parameter: an admin reads it in the server's status, an operator in a configuration error. The sentence
/// already names the hall and the entry.
/// </remarks>
internal sealed class InvalidDefinitionException(string message, Exception? innerException = null)
    : ArgumentException(message, "definition", innerException)
{
    private readonly string _message = message;

    /// <inheritdoc/>
    public override string Message => _message;
}
