//! Matching behaviour a user relies on, table-driven over the embedded taxonomy: whole words,
//! punctuation-edged names, ambiguous names in ordinary English and in real mentions,
//! strength cues and stated years. Each row is `(text, expected skill ids in order)`.

use rungs::{Analyzer, Posting, Taxonomy};
use std::sync::OnceLock;

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| Analyzer::new(Taxonomy::embedded()).unwrap())
}

fn skills(text: &str) -> Vec<String> {
    // The word-start scan finds what searching from every position finds.
    let matcher = analyzer().matcher().expect("a compiled matcher");
    assert_eq!(matcher.candidates(text), matcher.candidates_searching_everywhere(text), "{text:?}");
    let analysis = analyzer().analyse(Posting::new("t", text));
    for m in &analysis.matches {
        // Offsets always slice the original text.
        assert!(text.get(m.range.clone()).is_some(), "{text:?} {:?}", m.range);
    }
    analysis.matches.iter().map(|m| analyzer().taxonomy().skills()[m.skill as usize].id.clone()).collect()
}

fn check(cases: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (text, want) in cases {
        let got = skills(text);
        if got != *want {
            failures.push(format!("{text:?}\n    want {want:?}\n     got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn whole_words_only() {
    check(&[
        ("JavaScript and TypeScript", &["javascript", "typescript"]),
        ("Java, not JavaScript", &["java", "javascript"]),
        ("Javanese cooking", &[]),
        ("C++ and C# on .NET", &["c++", "c#", "dotnet"]),
        ("ASP.NET MVC and . net", &["asp.net", "dotnet"]),
        ("CI/CD pipelines with node.js", &["ci-cd", "node.js"]),
        ("C++17 experience", &["c++"]),
        ("Pythonic code", &[]),
        ("REST APIs and microservices", &["rest-apis", "microservices"]),
    ]);
}

#[test]
fn aliases_people_write() {
    check(&[
        ("k8s and Golang", &["kubernetes", "go"]),
        ("Postgres, GH Actions", &["postgresql", "github-actions"]),
        ("infrastructure-as-code and infrastructure as code", &["infrastructure-as-code", "infrastructure-as-code"]),
        ("MS Excel and PowerBI", &["microsoft-excel", "power-bi"]),
        ("Power BI dashboards", &["power-bi", "dashboards"]),
        (
            "Terraform (CDKTF), Argo CD, Flux and Splunk",
            &["terraform", "cdk-for-terraform", "argo-cd", "flux", "splunk"],
        ),
        ("SLOs, SLIs and error budgets", &["service-level-objectives", "service-level-indicators", "error-budgets"]),
        ("KVM+libvirt, iptables, nftables", &["kvm", "libvirt", "iptables", "nftables"]),
    ]);
}

/// Ordinary English that contains a technology's name must match nothing.
#[test]
fn ambiguous_names_stay_quiet_in_ordinary_english() {
    check(&[
        ("keep things on the go", &[]),
        ("Go/No-Go decisions", &[]),
        ("C-suite", &[]),
        ("R-squared", &[]),
        ("chef's table", &[]),
        ("a swift response", &[]),
        ("sparked interest", &[]),
        ("rusty hinges", &[]),
        ("Make sure", &[]),
        ("Spring semester", &[]),
        ("Go beyond the call of duty", &[]),
        ("Swift decisions matter here", &[]),
        ("Spark joy in others", &[]),
        ("The Spring conference is in May", &[]),
        ("R&D budget", &[]),
        ("Ruby is our office manager", &[]),
        ("We Excel at service", &[]),
        ("You are the glue between teams", &[]),
        ("Python, Docker and Kubernetes interns start in Spring 2025.", &["python", "docker", "kubernetes"]),
        ("A typical Workday starts at nine", &[]),
        ("Keep the project on the Rails it runs on", &[]),
        ("Pass the Torch to the next team", &[]),
        ("Julia Roberts will interview you", &[]),
        ("Cassandra from HR will call you", &[]),
        // Ordinary words stay ordinary inside a posting full of technologies.
        (
            "Python, Docker and Kubernetes daily. Interns join us for the Spring semester.",
            &["python", "docker", "kubernetes"],
        ),
        ("Python, Docker and Kubernetes daily. Go/No-Go calls are yours.", &["python", "docker", "kubernetes"]),
    ]);
}

/// Real mentions of the same names must match.
#[test]
fn ambiguous_names_fire_on_real_mentions() {
    check(&[
        ("Go and Rust", &["go", "rust"]),
        ("C/C++", &["c", "c++"]),
        ("R, SAS or SPSS", &["r", "sas", "spss"]),
        ("Puppet/Chef", &["puppet", "chef"]),
        ("Microsoft Excel", &["microsoft-excel"]),
        ("Spring Boot", &["spring-boot"]),
        ("Apache Spark", &["apache-spark"]),
        ("Experience with Go", &["go"]),
        ("Strong Go skills", &["go"]),
        ("Excel spreadsheets and pivot tables", &["microsoft-excel", "pivot-tables"]),
        ("Swift developers wanted", &["swift"]),
        ("Write code in Rust", &["rust"]),
        ("Proficient in Excel", &["microsoft-excel"]),
        ("Spring and Hibernate for our Java services", &["spring", "hibernate", "java"]),
        ("Spark jobs on Hadoop", &["apache-spark", "apache-hadoop"]),
        ("Swift for iOS apps", &["swift", "ios"]),
        ("Ruby on Rails and Rails engines", &["ruby-on-rails", "ruby-on-rails"]),
        ("HashiCorp Vault, Consul and Nomad", &["hashicorp-vault", "consul", "hashicorp-nomad"]),
        ("Hive and Presto on Hadoop", &["apache-hive", "presto", "apache-hadoop"]),
        ("Golang services; Go is our main language", &["go", "go"]),
        // In a technical posting a capitalised name that stands as a noun is the technology.
        ("Python, Docker and Kubernetes daily. We also use Rust.", &["python", "docker", "kubernetes", "rust"]),
    ]);
}

#[test]
fn strength_and_years_per_match() {
    let analysis = analyzer().analyse(Posting::new(
        "p",
        "Requirements:\n- 5+ years of Python\n- Azure (preferred) or AWS\n- Rust is a plus\n- 3-5 years with SQL; two years of Tableau\nNice to have:\n- Kafka",
    ));
    let got: Vec<(String, &str, Option<u32>)> = analysis
        .matches
        .iter()
        .map(|m| (analyzer().taxonomy().skills()[m.skill as usize].id.clone(), m.strength.as_str(), m.min_years))
        .collect();
    let want = [
        ("python", "required", Some(5)),
        ("azure", "preferred", None),
        ("amazon-web-services", "required", None),
        ("rust", "preferred", None),
        ("sql", "required", Some(3)),
        ("tableau", "required", Some(2)),
        ("apache-kafka", "preferred", None),
    ];
    let want: Vec<(String, &str, Option<u32>)> = want.iter().map(|(a, b, c)| (a.to_string(), *b, *c)).collect();
    assert_eq!(got, want);
}

#[test]
fn an_export_that_glued_its_lines_together_is_read_line_by_line() {
    // A scraper dropped every line break: each item keeps its own strength and years, the
    // preferred section is seen, and a skill glued to the word before it is found.
    let text = "QualificationsBS in Statistics required.5+ years of SQL experienceKafka is a plus\
                Experience with Python (Onsite)Preferred QualificationsFamiliarity with Rust";
    let analysis = analyzer().analyse(Posting::new("p", text));
    let got: Vec<(&str, &str, Option<u32>)> =
        analysis.matches.iter().map(|m| (&text[m.range.clone()], m.strength.as_str(), m.min_years)).collect();
    assert_eq!(
        got,
        [
            ("BS", "required", None),
            ("Statistics", "required", None),
            ("SQL", "required", Some(5)),
            ("Kafka", "preferred", None),
            ("Python", "required", None),
            ("Rust", "preferred", None),
        ]
    );
    assert_eq!(analysis.requirements.len(), 5);

    // Items glued with a space: each still keeps its own "a plus" and years.
    let text = "Requirements\n5+ years of scripting Experience with Kafka is a plus Strong skills in SQL";
    let analysis = analyzer().analyse(Posting::new("p", text));
    let got: Vec<(&str, &str, Option<u32>)> =
        analysis.matches.iter().map(|m| (&text[m.range.clone()], m.strength.as_str(), m.min_years)).collect();
    assert_eq!(got, [("scripting", "required", Some(5)), ("Kafka", "preferred", None), ("SQL", "required", None)]);
}

#[test]
fn cased_aliases_that_differ_only_in_case_all_match() {
    // "Monitoring" and "monitoring" are both cased aliases of one skill; both spellings match.
    check(&[
        ("Monitoring of services", &["monitoring"]),
        ("Set up monitoring for services", &["monitoring"]),
        ("Cloud experience", &["cloud-computing"]),
        ("Database experience", &["databases"]),
    ]);
}

#[test]
fn scraped_markup_is_read_through() {
    check(&[
        (r"5\+ years of C\+\+ and C\#", &["c++", "c#"]),
        (r"**Python**, _Go_ and [Kubernetes](https://kubernetes.io)", &["python", "go", "kubernetes"]),
        ("<ul><li>Terraform</li><li>Ansible &amp; Chef</li></ul>", &["terraform", "ansible", "chef"]),
    ]);
}

#[test]
fn defects_found_in_real_postings() {
    check(&[
        ("Work Mode: Hybrid", &[]),
        ("Our R&D team", &[]),
        ("bi-monthly reports", &[]),
        ("SoC design and verification", &[]),
        ("Administer Windows 2008 R2 and Linux", &["windows", "linux"]),
        ("Spring 2025 internship", &[]),
        ("collaborated with analysts; collaborating daily", &["collaboration", "collaboration"]),
        ("Experience with Zephyr RTOS", &["zephyr-rtos"]),
    ]);
}

#[test]
fn names_real_postings_asked_for_that_were_missing() {
    check(&[
        ("Qt/QML and SystemC", &["qt", "qt", "systemc"]),
        ("AXI, DMA and RTL design", &["amba-axi", "direct-memory-access", "rtl-design"]),
        ("Arduino or ESP32", &["arduino", "esp32"]),
        ("Stripe, PayPal, Adyen and Braintree", &["stripe", "paypal", "adyen", "paypal"]),
        ("SignalR, AIOps and DO-178C", &["signalr", "aiops", "do-178c"]),
    ]);
}

#[test]
fn other_case_names_need_a_list() {
    check(&[
        ("typescript javascript node.js react go", &["typescript", "javascript", "node.js", "react", "go"]),
        ("HIVE, PIG, SPARK and BASH", &["apache-hive", "apache-pig", "apache-spark", "bash"]),
        ("Python and go to market", &["python", "marketing"]),
        ("We go above and beyond", &[]),
        ("cross-functional teams, Jira and Python", &["collaboration", "jira", "python"]),
        ("THE BEST TEAM IN THE WORLD", &[]),
    ]);
}
