# Drives Debian's ruby-elasticsearch (7.17) against Lateral's Elasticsearch layer.
#   usage: ruby ruby-client.rb URL KEY AUTH ACTION [FILE]
#   AUTH: apikey | basic | wrong;  ACTION: info | ping | bulk | gzip_bulk
# The 7.17 client has no bulk helper: `bulk` sends client.bulk in slices of 500 documents (the
# Python helpers' default), one `index` action per document with `_id` = event.id.
# Prints one JSON line with the outcome.
require "json"
require "elasticsearch"

url, key, auth, action, file = ARGV
options = { url: url, request_timeout: 120, compression: action == "gzip_bulk" }
case auth
when "apikey" then options[:api_key] = key
when "basic" then options.merge!(user: "elastic", password: key)
else options[:api_key] = "not-a-key"
end
client = Elasticsearch::Client.new(options)

case action
when "info"
  info = client.info
  puts JSON.generate(version: info["version"]["number"], tagline: info["tagline"])
when "ping"
  begin
    puts JSON.generate(ping: client.ping)
  rescue Elasticsearch::Transport::Transport::Errors::Unauthorized
    # As against Elasticsearch: 7.17's ping answers false only for 404; a 401 raises.
    puts JSON.generate(ping: false, status: 401)
  end
when "bulk", "gzip_bulk"
  ok = 0
  errors = []
  File.foreach(file).reject { |l| l.strip.empty? }.each_slice(500) do |lines|
    body = lines.map do |l|
      doc = JSON.parse(l)
      { index: { _index: "logs-endpoint.events.process-default", _id: doc["event"]["id"], data: doc } }
    end
    res = client.bulk(body: body)
    res["items"].each do |item|
      result = item.values.first
      if result["status"] < 300
        ok += 1
      else
        errors << { id: result["_id"], status: result["status"], type: result.dig("error", "type") }
      end
    end
  end
  puts JSON.generate(ok: ok, errors: errors)
else
  abort "unknown action #{action}"
end
