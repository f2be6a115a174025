package catalog

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// langRows are bounce sentences written for this test, one or more per
// language and reason of the non-English lexicon files
// (data/lexicon-LANG.txt), with the reason their words name.
var langRows = []struct{ lang, reason, text string }{
	{"fr", "userunknown", "550 5.1.1 <marie.dupont@example.fr>: Utilisateur inconnu dans ce domaine"},
	{"fr", "mailboxfull", "552 5.2.2 La boîte aux lettres de jean@example.fr est pleine, réessayez plus tard"},
	{"fr", "emailtoolarge", "552 5.3.4 Message trop volumineux pour ce destinataire"},
	{"fr", "suspend", "550 5.2.1 Le compte a été suspendu par l'administrateur"},
	{"fr", "hostunknown", "Le domaine n'existe pas : example.invalid"},
	{"fr", "norelaying", "554 5.7.1 <paul@example.net>: Relais refusé pour ce client"},
	{"fr", "spamdetected", "550 5.7.1 Votre message a été considéré comme spam par notre filtre"},
	{"fr", "blocked", "550 5.7.1 Votre adresse IP est bloquée suite à des plaintes"},
	{"fr", "rejected", "553 5.7.1 Expéditeur refusé : adresse non autorisée sur ce serveur"},
	{"fr", "policyviolation", "550 5.7.1 Message refusé : non conforme à la politique de l'organisation"},
	{"fr", "virusdetected", "554 5.7.1 Virus détecté dans la pièce jointe facture.zip"},
	{"fr", "ratelimited", "421 4.7.0 Trop de connexions depuis votre adresse, réessayez plus tard"},
	{"fr", "expired", "Délai de remise dépassé, le message est retourné à l'expéditeur"},
	{"fr", "networkerror", "Connexion refusée par le serveur distant mx.example.fr"},
	{"fr", "systemerror", "451 4.3.0 Erreur interne, veuillez réessayer"},
	{"fr", "systemfull", "452 4.3.1 Espace disque insuffisant sur le serveur"},
	{"fr", "authfailure", "550 5.7.1 Échec DMARC : le domaine de l'expéditeur refuse ce message"},
	{"fr", "mailboxfull", "552 5.1.1 Boite du destinataire pleine. OFR_417"},
	{"fr", "mailboxfull", "La messagerie du destinataire est saturée, le message n'a pas été remis"},
	{"fr", "userunknown", "Le destinataire n'existe pas sur ce serveur"},
	{"fr", "blocked", "550 mwinf0000 ME Adresse IP source bloquee pour incident de spam"},
	{"fr", "emailtoolarge", "552 La taille du message dépasse la limite autorisée par le serveur"},
	{"fr", "suspend", "550 Boite du destinataire archivee"},
	{"fr", "userunknown", "550 Non répertorié dans l'annuaire Domino"},

	{"de", "userunknown", "550 5.1.1 <max@example.de>: Empfänger unbekannt"},
	{"de", "mailboxfull", "552 5.2.2 Das Postfach des Empfängers ist voll und kann derzeit keine Nachrichten annehmen"},
	{"de", "emailtoolarge", "552 5.3.4 Die Nachricht ist zu groß für dieses Postfach"},
	{"de", "suspend", "550 5.2.1 Das Konto ist deaktiviert"},
	{"de", "hostunknown", "Die Domain existiert nicht: example.invalid"},
	{"de", "norelaying", "550 5.7.1 Relaying nicht erlaubt für <a@example.org>"},
	{"de", "spamdetected", "554 5.7.1 Die Nachricht wurde als Spam eingestuft und abgewiesen"},
	{"de", "blocked", "554 Ihre IP-Adresse 192.0.2.7 ist bei uns gesperrt"},
	{"de", "rejected", "553 5.1.8 Absenderadresse abgelehnt: Domain hat keinen MX"},
	{"de", "policyviolation", "550 5.7.1 Die Nachricht verstößt gegen die Richtlinien des Empfängers"},
	{"de", "virusdetected", "554 5.7.1 Die Nachricht enthält einen Virus (Win.Trojan.Agent)"},
	{"de", "ratelimited", "421 4.7.0 Zu viele Verbindungen von Ihrer Adresse, bitte später erneut versuchen"},
	{"de", "expired", "Die Nachricht konnte innerhalb von 5 Tagen nicht zugestellt werden und wird zurückgeschickt"},
	{"de", "networkerror", "Verbindung fehlgeschlagen zu mx.example.de"},
	{"de", "systemerror", "451 4.3.0 Temporärer Fehler, bitte später erneut versuchen"},
	{"de", "systemfull", "452 4.3.1 Festplatte voll, Annahme vorübergehend nicht möglich"},
	{"de", "authfailure", "550 5.7.23 SPF-Prüfung fehlgeschlagen für die Absenderdomain"},
	{"de", "userunknown", "Die E-Mail-Adresse, die Sie eingegeben haben, wurde nicht gefunden."},
	{"de", "emailtoolarge", "Die Größe der Nachricht überschreitet das zulässige Limit des Empfängers"},
	{"de", "mailboxfull", "Benutzer hat zuviele Mails auf dem Server"},
	{"de", "mailboxfull", "Die Nachricht konnte nicht zugestellt werden, da das Postfach des Empfängers voll ist."},
	{"de", "suspend", "550 Die Mailbox des Empfängers ist deaktiviert"},
	{"de", "spamdetected", "554 Verdacht auf Spam, Nachricht abgelehnt"},

	{"pl", "userunknown", "550 5.1.1 <jan@example.pl>: Nie ma takiego konta"},
	{"pl", "mailboxfull", "552 Skrzynka odbiorcy jest pełna, spróbuj później"},
	{"pl", "emailtoolarge", "552 Wiadomość jest za duża dla tego odbiorcy"},
	{"pl", "suspend", "550 Podane konto jest zablokowane administracyjnie lub nieaktywne"},
	{"pl", "hostunknown", "Domena nie istnieje: example.invalid"},
	{"pl", "spamdetected", "550 Wiadomość została odrzucona przez system antyspamowy"},
	{"pl", "blocked", "554 Twój adres IP jest zablokowany z powodu nadużyć"},
	{"pl", "rejected", "553 Adres nadawcy odrzucony przez serwer"},
	{"pl", "policyviolation", "550 Wiadomość niezgodna z polityką serwera odbiorcy"},
	{"pl", "virusdetected", "554 W załączniku wykryto wirusa"},
	{"pl", "ratelimited", "421 Zbyt wiele połączeń z Twojego adresu"},
	{"pl", "networkerror", "Błąd połączenia z serwerem odbiorcy"},
	{"pl", "systemerror", "451 Tymczasowy błąd serwera, spróbuj ponownie"},
	{"pl", "systemfull", "452 Brak miejsca na dysku serwera"},
	{"pl", "authfailure", "550 Wiadomość nie przeszła weryfikacji DMARC"},
	{"pl", "mailboxfull", "552 Skrzynka odbiorcy jest pelna"},
	{"pl", "userunknown", "550 Nieznany uzytkownik"},
	{"pl", "userunknown", "Nie można odnaleźć wprowadzonego adresu e-mail."},
	{"pl", "suspend", "550 Konto zostało zawieszone przez administratora"},

	{"es", "userunknown", "550 5.1.1 <ana@example.es>: Usuario desconocido en este dominio"},
	{"es", "mailboxfull", "552 5.2.2 El buzón del destinatario está lleno"},
	{"es", "emailtoolarge", "552 5.3.4 El mensaje es demasiado grande para este servidor"},
	{"es", "suspend", "550 Esta casilla ha expirado por falta de uso"},
	{"es", "hostunknown", "El dominio no existe: example.invalid"},
	{"es", "norelaying", "550 5.7.1 Relay no permitido para este remitente"},
	{"es", "spamdetected", "550 5.7.1 Su mensaje fue detectado como spam"},
	{"es", "blocked", "554 Su servidor figura en una lista negra pública"},
	{"es", "rejected", "553 5.7.1 Remitente rechazado por el servidor"},
	{"es", "policyviolation", "550 5.7.1 El mensaje infringe la política de la organización"},
	{"es", "virusdetected", "554 5.7.1 El adjunto contiene un virus"},
	{"es", "ratelimited", "421 4.7.0 Demasiadas conexiones desde su dirección"},
	{"es", "expired", "El mensaje ha caducado sin poder entregarse"},
	{"es", "networkerror", "Error de conexión con el servidor remoto"},
	{"es", "systemerror", "451 4.3.0 Error temporal del servidor, intente más tarde"},
	{"es", "systemfull", "452 4.3.1 Espacio en disco insuficiente en el servidor"},
	{"es", "authfailure", "550 5.7.1 El mensaje no superó la verificación DMARC"},
	{"es", "mailboxfull", "552 Buzon de correo lleno"},
	{"es", "userunknown", "550 No existe ese usuario en este servidor"},
	{"es", "suspend", "550 El usuario esta en estado: inactivo"},
	{"es", "blocked", "554 Su dirección IP está bloqueada por abuso"},

	{"pt", "userunknown", "550 5.1.1 <joao@example.com.br>: Usuário desconhecido"},
	{"pt", "mailboxfull", "552 5.2.2 A caixa postal do destinatário está cheia"},
	{"pt", "emailtoolarge", "552 5.3.4 A mensagem é muito grande para este destinatário"},
	{"pt", "suspend", "550 5.2.1 Conta desativada pelo administrador"},
	{"pt", "hostunknown", "O domínio não existe: example.invalid"},
	{"pt", "norelaying", "550 5.7.1 Relay não permitido para este endereço"},
	{"pt", "spamdetected", "550 5.7.1 Mensagem classificada como spam pelo filtro"},
	{"pt", "blocked", "554 Endereço IP bloqueado por excesso de reclamações"},
	{"pt", "rejected", "553 Remetente rejeitado pelo servidor de destino"},
	{"pt", "policyviolation", "550 A mensagem viola a política da organização"},
	{"pt", "virusdetected", "554 O anexo contém vírus"},
	{"pt", "ratelimited", "421 Muitas conexões a partir do seu endereço"},
	{"pt", "networkerror", "Erro de conexão com o servidor remoto"},
	{"pt", "systemerror", "451 Erro temporário no servidor, tente mais tarde"},
	{"pt", "systemfull", "452 Espaço em disco insuficiente no servidor"},
	{"pt", "authfailure", "550 A mensagem falhou na verificação DKIM"},
	{"pt", "mailboxfull", "552 A caixa de correio do destinatário encontra-se cheia"},
	{"pt", "userunknown", "Não foi possível encontrar o endereço de email que você inseriu."},
	{"pt", "blocked", "554 O seu servidor está na lista negra"},

	{"ru", "userunknown", "550 Пользователь не найден: ivan@example.ru"},
	{"ru", "mailboxfull", "552 Почтовый ящик получателя переполнен"},
	{"ru", "emailtoolarge", "552 Письмо слишком большое для этого получателя"},
	{"ru", "suspend", "550 Почтовый ящик заблокирован администратором"},
	{"ru", "hostunknown", "Домен не существует: example.invalid"},
	{"ru", "norelaying", "550 Пересылка запрещена для этого отправителя"},
	{"ru", "spamdetected", "550 5.7.1 Сообщение отклонено по подозрению в СПАМе"},
	{"ru", "blocked", "554 Ваш сервер находится в чёрном списке"},
	{"ru", "rejected", "553 Адрес отправителя отклонён сервером"},
	{"ru", "policyviolation", "550 Сообщение отклонено: нарушение политики безопасности"},
	{"ru", "virusdetected", "554 Во вложении обнаружен вирус"},
	{"ru", "ratelimited", "421 Слишком много соединений с вашего адреса"},
	{"ru", "expired", "Истекло время доставки, сообщение возвращено отправителю"},
	{"ru", "networkerror", "Не удалось установить соединение с сервером получателя"},
	{"ru", "systemerror", "451 Временная ошибка сервера, повторите попытку позже"},
	{"ru", "systemfull", "452 Недостаточно места на диске сервера"},
	{"ru", "authfailure", "550 Письмо не прошло проверку DMARC"},
	{"ru", "suspend", "550 Учётная запись отключена"},
	{"ru", "mailboxfull", "Почтовый ящик получателя заполнен."},
	{"ru", "userunknown", "Не удалось найти указанный адрес электронной почты."},
	{"ru", "userunknown", "550 Такого адреса не существует: petr@example.ru"},
	{"ru", "spamdetected", "550 Письмо похоже на спам и отклонено"},
	{"ru", "suspend", "550 Ящик заморожен за неактивность"},

	{"zh", "userunknown", "550 收件人不存在，请检查地址是否正确"},
	{"zh", "mailboxfull", "552 对方邮箱已满，无法接收新邮件"},
	{"zh", "emailtoolarge", "552 邮件大小超过限制，请压缩附件后重试"},
	{"zh", "suspend", "550 该邮箱已停用"},
	{"zh", "hostunknown", "收件人域名不存在"},
	{"zh", "norelaying", "550 本服务器不允许中继"},
	{"zh", "spamdetected", "554 您的邮件被识别为垃圾邮件"},
	{"zh", "blocked", "554 您的发信IP已被列入黑名单"},
	{"zh", "rejected", "553 发件人地址被拒绝"},
	{"zh", "virusdetected", "554 邮件中含有病毒，已被拒收"},
	{"zh", "ratelimited", "421 发送频率过快，请稍后再试"},
	{"zh", "expired", "邮件投递超时，已退回"},
	{"zh", "networkerror", "与对方服务器连接超时"},
	{"zh", "systemerror", "451 系统繁忙，请稍后重试"},
	{"zh", "systemfull", "452 服务器磁盘空间不足"},
	{"zh", "authfailure", "550 发件域SPF验证失败"},
	{"zh", "userunknown", "550 收件者帳號不存在"},
	{"zh", "mailboxfull", "552 收件人信箱容量已滿"},
	{"zh", "userunknown", "找不到你输入的电子邮件地址。"},
	{"zh", "suspend", "550 收件人帐号已冻结"},
	{"zh", "blocked", "554 您的IP被封禁，请联系管理员"},

	{"ja", "userunknown", "宛先のユーザーが存在しません。アドレスをご確認ください。"},
	{"ja", "mailboxfull", "送信先のメールボックスが一杯のため、送信できませんでした。"},
	{"ja", "emailtoolarge", "メッセージサイズが大きすぎるため、受信を拒否しました。"},
	{"ja", "suspend", "このアカウントは停止されています。"},
	{"ja", "hostunknown", "宛先のドメインが存在しません。"},
	{"ja", "norelaying", "このサーバーではリレーは許可されていません。"},
	{"ja", "spamdetected", "このメールは迷惑メールと判定されたため、受信を拒否しました。"},
	{"ja", "blocked", "送信元のIPアドレスがブラックリストに登録されています。"},
	{"ja", "policyviolation", "ポリシー違反のため、メールを受け付けられません。"},
	{"ja", "virusdetected", "添付ファイルからウイルスが検出されました。"},
	{"ja", "ratelimited", "宛先数が多すぎるため、送信できません。"},
	{"ja", "networkerror", "相手のサーバーに接続できませんでした。"},
	{"ja", "systemerror", "一時的なエラーが発生しました。しばらくしてから再送してください。"},
	{"ja", "systemfull", "サーバーのディスク容量が不足しています。"},
	{"ja", "authfailure", "SPF認証に失敗したため、受信を拒否しました。"},
	{"ja", "userunknown", "Domino ディレクトリには見つかりません"},
	{"ja", "userunknown", "入力したメール アドレスが見つかりませんでした。"},
	{"ja", "suspend", "このアドレスは現在利用停止中です。"},
	{"ja", "mailboxfull", "受信者のメールボックスがいっぱいです。"},

	{"sv", "userunknown", "550 5.1.1 <anna@example.se>: Användaren finns inte"},
	{"sv", "mailboxfull", "552 Mottagarens brevlåda är full"},
	{"sv", "emailtoolarge", "552 Meddelandet är för stort för mottagaren"},
	{"sv", "suspend", "550 Kontot är avstängt"},
	{"sv", "hostunknown", "Domänen finns inte: example.invalid"},
	{"sv", "spamdetected", "550 Meddelandet klassades som skräppost"},
	{"sv", "blocked", "554 Din server är svartlistad hos oss"},
	{"sv", "rejected", "553 Avsändaradressen nekades av servern"},
	{"sv", "virusdetected", "554 Bilagan innehåller virus"},
	{"sv", "ratelimited", "421 För många anslutningar från din adress"},
	{"sv", "networkerror", "Anslutningen nekades av mottagarens server"},
	{"sv", "systemerror", "451 Tillfälligt fel på servern, försök igen senare"},
	{"sv", "systemfull", "452 Slut på diskutrymme på servern"},
	{"sv", "authfailure", "550 Meddelandet underkändes vid DMARC-kontroll"},
	{"sv", "mailboxfull", "Meddelandet kunde inte levereras eftersom mottagarens postlåda är full."},
	{"sv", "userunknown", "Det gick inte att hitta e-postadressen du angav."},

	{"lv", "userunknown", "550 Lietotājs neeksistē: janis@example.lv"},
	{"lv", "mailboxfull", "552 Saņēmēja pastkastīte ir pilna"},
	{"lv", "emailtoolarge", "552 Vēstule ir pārāk liela šim saņēmējam"},
	{"lv", "suspend", "550 Saņēmēja konts ir bloķēts"},
	{"lv", "hostunknown", "Domēns neeksistē: example.invalid"},
	{"lv", "spamdetected", "550 Vēstule atzīta par surogātpastu"},
	{"lv", "blocked", "554 Jūsu IP adrese ir bloķēta"},
	{"lv", "virusdetected", "554 Pielikumā atrasts vīruss"},
	{"lv", "ratelimited", "421 Pārāk daudz savienojumu no jūsu adreses"},
	{"lv", "networkerror", "Savienojuma kļūda ar saņēmēja serveri"},
	{"lv", "systemerror", "451 Īslaicīga kļūda, mēģiniet vēlāk"},
	{"lv", "authfailure", "550 DMARC pārbaude neizdevās, vēstule noraidīta"},

	{"it", "userunknown", "550 5.1.1 <luca@example.it>: Utente sconosciuto"},
	{"it", "mailboxfull", "552 5.2.2 La casella del destinatario è piena"},
	{"it", "emailtoolarge", "552 5.3.4 Il messaggio è troppo grande per questo destinatario"},
	{"it", "suspend", "550 5.2.1 Casella disattivata per inattività"},
	{"it", "hostunknown", "Il dominio non esiste: example.invalid"},
	{"it", "norelaying", "550 5.7.1 Relay non consentito per questo mittente"},
	{"it", "spamdetected", "550 5.7.1 Il messaggio è stato classificato come spam"},
	{"it", "blocked", "554 Il vostro server è in lista nera"},
	{"it", "rejected", "553 Mittente rifiutato dal server di destinazione"},
	{"it", "policyviolation", "550 Il messaggio viola la politica aziendale"},
	{"it", "virusdetected", "554 Rilevato un virus nell'allegato"},
	{"it", "ratelimited", "421 Troppe connessioni dal vostro indirizzo"},
	{"it", "networkerror", "Connessione rifiutata dal server remoto"},
	{"it", "systemerror", "451 Errore temporaneo del server, riprovare più tardi"},
	{"it", "systemfull", "452 Spazio su disco insufficiente sul server"},
	{"it", "authfailure", "550 Il messaggio non ha superato la verifica SPF"},
	{"it", "userunknown", "550 nessun utente simile in questo indirizzo"},
	{"it", "userunknown", "Impossibile trovare l'indirizzo di posta elettronica immesso."},
	{"it", "suspend", "550 Account sospeso dal gestore"},

	{"nl", "userunknown", "550 5.1.1 <piet@example.nl>: Gebruiker bestaat niet"},
	{"nl", "mailboxfull", "552 5.2.2 Het postvak van de ontvanger is vol"},
	{"nl", "emailtoolarge", "552 5.3.4 Het bericht is te groot voor deze ontvanger"},
	{"nl", "suspend", "550 5.2.1 Dit account is uitgeschakeld"},
	{"nl", "hostunknown", "Het domein bestaat niet: example.invalid"},
	{"nl", "norelaying", "550 5.7.1 Relaying niet toegestaan voor deze afzender"},
	{"nl", "spamdetected", "550 5.7.1 Het bericht is als spam aangemerkt"},
	{"nl", "blocked", "554 Uw server staat op een zwarte lijst"},
	{"nl", "rejected", "553 Afzender geweigerd door de ontvangende server"},
	{"nl", "policyviolation", "550 Het bericht is in strijd met het beleid van de organisatie"},
	{"nl", "virusdetected", "554 De bijlage bevat een virus"},
	{"nl", "ratelimited", "421 Te veel verbindingen vanaf uw adres"},
	{"nl", "networkerror", "Verbinding geweigerd door de externe server"},
	{"nl", "systemerror", "451 Tijdelijke fout op de server, probeer het later opnieuw"},
	{"nl", "systemfull", "452 Onvoldoende schijfruimte op de server"},
	{"nl", "authfailure", "550 Het bericht is afgekeurd bij de DMARC-controle"},
	{"nl", "mailboxfull", "Het bericht kan niet worden bezorgd omdat het postvak vol is."},
	{"nl", "userunknown", "Het e-mailadres dat u hebt opgegeven, is niet gevonden."},

	{"cs", "userunknown", "550 Uživatel neexistuje: petr@example.cz"},
	{"cs", "mailboxfull", "552 Schránka příjemce je plná"},
	{"cs", "emailtoolarge", "552 Zpráva je příliš velká"},
	{"cs", "suspend", "550 Účet je zablokován"},
	{"cs", "hostunknown", "Doména neexistuje: example.invalid"},
	{"cs", "spamdetected", "550 Zpráva byla označena jako spam"},
	{"cs", "blocked", "554 Váš server je na černé listině"},
	{"cs", "virusdetected", "554 Příloha obsahuje virus"},
	{"cs", "ratelimited", "421 Příliš mnoho spojení z vaší adresy"},
	{"cs", "networkerror", "Chyba spojení se vzdáleným serverem"},
	{"cs", "systemerror", "451 Dočasná chyba serveru, zkuste to později"},
	{"cs", "systemfull", "452 Nedostatek místa na disku serveru"},
	{"cs", "authfailure", "550 Zpráva neprošla: kontrola DMARC selhala"},

	{"da", "userunknown", "550 Modtageren findes ikke: lars@example.dk"},
	{"da", "mailboxfull", "552 Postkassen er fuld"},
	{"da", "emailtoolarge", "552 Meddelelsen er for stor til modtageren"},
	{"da", "suspend", "550 Kontoen er spærret"},
	{"da", "hostunknown", "Domænet findes ikke: example.invalid"},
	{"da", "spamdetected", "550 Meddelelsen blev klassificeret som spam"},
	{"da", "blocked", "554 Din server er sortlistet hos os"},
	{"da", "virusdetected", "554 Vedhæftningen indeholder virus"},
	{"da", "ratelimited", "421 For mange forbindelser fra din adresse"},
	{"da", "networkerror", "Forbindelsen blev afvist af fjernserveren"},
	{"da", "systemerror", "451 Midlertidig fejl på serveren, prøv igen senere"},
	{"da", "systemfull", "452 Ikke nok diskplads på serveren"},
	{"da", "authfailure", "550 Meddelelsen blev afvist ved DMARC-kontrol"},
	{"da", "mailboxfull", "Meddelelsen kunne ikke leveres, fordi modtagerens postkasse er fuld."},

	{"no", "userunknown", "550 Mottakeren finnes ikke: ola@example.no"},
	{"no", "mailboxfull", "552 Innboksen er full"},
	{"no", "emailtoolarge", "552 Meldingen er for stor for mottakeren"},
	{"no", "suspend", "550 Kontoen er deaktivert"},
	{"no", "hostunknown", "Domenet finnes ikke: example.invalid"},
	{"no", "spamdetected", "550 Meldingen ble klassifisert som spam"},
	{"no", "blocked", "554 Serveren din er svartelistet hos oss"},
	{"no", "virusdetected", "554 Vedlegget inneholder virus"},
	{"no", "ratelimited", "421 For mange tilkoblinger fra adressen din"},
	{"no", "networkerror", "Tilkoblingen ble avvist av den eksterne serveren"},
	{"no", "systemerror", "451 Midlertidig feil på serveren, prøv igjen senere"},
	{"no", "systemfull", "452 Ikke nok diskplass på serveren"},
	{"no", "mailboxfull", "Meldingen kunne ikke leveres fordi mottakerens postkasse er full."},

	{"fi", "userunknown", "550 Vastaanottajaa ei löydy: matti@example.fi"},
	{"fi", "mailboxfull", "552 Vastaanottajan postilaatikko on täynnä"},
	{"fi", "emailtoolarge", "552 Viesti on liian suuri vastaanottajalle"},
	{"fi", "suspend", "550 Tili on suljettu"},
	{"fi", "hostunknown", "Verkkotunnusta ei ole olemassa: example.invalid"},
	{"fi", "spamdetected", "550 Viesti luokiteltiin roskapostiksi"},
	{"fi", "blocked", "554 Palvelimesi on mustalla listalla"},
	{"fi", "virusdetected", "554 Liite sisältää viruksen"},
	{"fi", "ratelimited", "421 Liian monta yhteyttä osoitteestasi"},
	{"fi", "networkerror", "Yhteys hylättiin etäpalvelimella"},
	{"fi", "systemerror", "451 Tilapäinen virhe palvelimella, yritä myöhemmin uudelleen"},
	{"fi", "systemfull", "452 Levytila ei riitä palvelimella"},
	{"fi", "authfailure", "550 Viesti hylättiin: DMARC-tarkistus epäonnistui"},

	{"hu", "userunknown", "550 Ismeretlen címzett: janos@example.hu"},
	{"hu", "mailboxfull", "552 A címzett postafiókja megtelt"},
	{"hu", "emailtoolarge", "552 Az üzenet túl nagy a címzett számára"},
	{"hu", "suspend", "550 A fiók le van tiltva"},
	{"hu", "hostunknown", "A domain nem létezik: example.invalid"},
	{"hu", "spamdetected", "550 Az üzenet spamnek minősült"},
	{"hu", "blocked", "554 A szervere feketelistán van"},
	{"hu", "virusdetected", "554 A melléklet vírust tartalmaz"},
	{"hu", "ratelimited", "421 Túl sok kapcsolat az Ön címéről"},
	{"hu", "networkerror", "Kapcsolódási hiba a távoli kiszolgálóval"},
	{"hu", "systemerror", "451 Átmeneti hiba a kiszolgálón, próbálja később"},
	{"hu", "systemfull", "452 Nincs elég lemezterület a kiszolgálón"},
	{"hu", "authfailure", "550 DMARC ellenőrzés sikertelen, az üzenet elutasítva"},

	{"tr", "userunknown", "550 Kullanıcı bulunamadı: ahmet@example.com.tr"},
	{"tr", "mailboxfull", "552 Alıcının posta kutusu dolu"},
	{"tr", "emailtoolarge", "552 İleti boyutu çok büyük"},
	{"tr", "suspend", "550 Bu hesap askıya alındı"},
	{"tr", "hostunknown", "Alan adı bulunamadı: example.invalid"},
	{"tr", "spamdetected", "550 İletiniz spam olarak algılandı"},
	{"tr", "blocked", "554 Sunucunuz kara listede"},
	{"tr", "virusdetected", "554 Ekte virüs tespit edildi"},
	{"tr", "ratelimited", "421 Adresinizden çok fazla bağlantı"},
	{"tr", "networkerror", "Uzak sunucuyla bağlantı hatası"},
	{"tr", "systemerror", "451 Geçici hata, lütfen daha sonra tekrar deneyin"},
	{"tr", "systemfull", "452 Sunucuda yetersiz disk alanı"},
	{"tr", "authfailure", "550 İleti DMARC doğrulaması başarısız"},
	{"tr", "userunknown", "550 KULLANICI BULUNAMADI"},

	{"ko", "userunknown", "550 존재하지 않는 사용자입니다. 주소를 확인해 주세요."},
	{"ko", "mailboxfull", "552 받는 사람의 메일함이 가득 찼습니다."},
	{"ko", "emailtoolarge", "552 메일 크기가 너무 큽니다."},
	{"ko", "suspend", "550 휴면 계정이므로 메일을 받을 수 없습니다."},
	{"ko", "hostunknown", "존재하지 않는 도메인입니다."},
	{"ko", "spamdetected", "550 스팸으로 분류되어 수신이 거부되었습니다."},
	{"ko", "blocked", "554 발신 서버가 블랙리스트에 등록되어 있습니다."},
	{"ko", "virusdetected", "554 첨부 파일에서 바이러스가 발견되었습니다."},
	{"ko", "ratelimited", "421 연결이 너무 많습니다. 잠시 후 다시 시도하세요."},
	{"ko", "networkerror", "상대 서버에 연결할 수 없습니다."},
	{"ko", "systemerror", "451 일시적인 오류가 발생했습니다."},
	{"ko", "authfailure", "550 DMARC 인증 실패로 수신이 거부되었습니다."},
}

// langSilent are sentences that say a message was not delivered, or not yet,
// or that only look like a reason's words, but name no reason: the lexicon
// must not find one in them.
var langSilent = []struct{ lang, text string }{
	{"fr", "Votre message n'a pas pu être remis à tous les destinataires."},
	{"fr", "La remise n'a pas encore abouti ; le serveur continuera d'essayer."},
	{"fr", "Le contrat est considéré comme conforme et la boîte de dialogue est fermée."},
	{"de", "Ihre Nachricht konnte nicht zugestellt werden."},
	{"de", "Die Zustellung wurde verzögert; es wird weiterhin versucht."},
	{"de", "Das Postfach wurde vollständig migriert."},
	{"pl", "Wiadomość nie została dostarczona do adresata."},
	{"es", "No se pudo entregar el mensaje a los siguientes destinatarios."},
	{"pt", "A mensagem não pôde ser entregue aos destinatários."},
	{"ru", "Ваше письмо не может быть доставлено одному или нескольким получателям."},
	{"zh", "您的邮件无法投递，已被退回。"},
	{"ja", "メッセージを配信できません。"},
	{"sv", "Meddelandet kunde inte levereras till mottagaren."},
	{"lv", "Vēstuli nevarēja piegādāt saņēmējam."},
	{"it", "Il messaggio non è stato recapitato al destinatario."},
	{"nl", "Het bericht kan niet worden bezorgd."},
	{"cs", "Zprávu nelze doručit příjemci."},
	{"da", "Meddelelsen kunne ikke leveres."},
	{"no", "Meldingen kunne ikke leveres."},
	{"fi", "Viestiä ei voitu toimittaa vastaanottajalle."},
	{"hu", "Az üzenet nem kézbesíthető a címzettnek."},
	{"tr", "İleti alıcıya teslim edilemedi."},
	{"ko", "메일을 전달할 수 없습니다."},
}

// lexiconLang returns the language of a lexicon entry ID, "lexicon.LANG.reason".
func lexiconLang(id string) string {
	parts := strings.SplitN(id, ".", 3)
	if len(parts) < 3 || parts[0] != "lexicon" {
		return ""
	}
	return parts[1]
}

// TestLexiconLanguages checks each sentence twice: with the whole lexicon,
// where it must get its reason (an English wording of the same reason, such
// as "spam" or "dmarc", may be the evidence), and with the stanzas of its own
// language alone, where a wording of lexicon.LANG.REASON must be the
// evidence, so that every language's list names the reason by itself.
func TestLexiconLanguages(t *testing.T) {
	for _, r := range langRows {
		h, ok := Lexicon(r.text)
		if !ok {
			t.Errorf("%s %s: no reason found in %q", r.lang, r.reason, r.text)
			continue
		}
		if h.Entry.Reason != r.reason {
			t.Errorf("%s %s: got %s (%s, %q) for %q", r.lang, r.reason, h.Entry.Reason, h.Entry.ID, h.Entry.Texts[h.Text], r.text)
		}
		if h.Entry.Provider != "lexicon" {
			t.Errorf("%s %s: entry %s has provider %q", r.lang, r.reason, h.Entry.ID, h.Entry.Provider)
		}
		if h.Start < 0 || h.Start >= h.End || h.End > len(r.text) {
			t.Errorf("%s %s: evidence range [%d,%d) outside %q", r.lang, r.reason, h.Start, h.End, r.text)
		}
	}
	byLang := map[string][]Entry{}
	for _, e := range Entries() {
		if lang := lexiconLang(e.ID); e.Provider == "lexicon" && lang != "" {
			byLang[lang] = append(byLang[lang], e)
		}
	}
	var langs []string
	for _, r := range langRows {
		if !slices.Contains(langs, r.lang) {
			langs = append(langs, r.lang)
		}
	}
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			if len(byLang[lang]) == 0 {
				t.Fatalf("no lexicon stanzas for %q", lang)
			}
			testLexicon(t, lexiconOrder[:], byLang[lang]...)
			for _, r := range langRows {
				if r.lang != lang {
					continue
				}
				h, ok := Lexicon(r.text)
				if want := "lexicon." + r.lang + "." + r.reason; !ok || h.Entry.ID != want {
					got := "nothing"
					if ok {
						got = fmt.Sprintf("%s (%q)", h.Entry.ID, h.Entry.Texts[h.Text])
					}
					t.Errorf("%s alone: got %s, want a wording of %s, for %q", lang, got, want, r.text)
				}
			}
		})
	}
}

func TestLexiconLanguagesSilent(t *testing.T) {
	for _, r := range langSilent {
		if h, ok := Lexicon(r.text); ok {
			t.Errorf("%s: %q names no reason, but the lexicon found %s (%s, %q)", r.lang, r.text, h.Entry.Reason, h.Entry.ID, h.Entry.Texts[h.Text])
		}
	}
}

// TestLexiconLanguagesTested checks that every non-English lexicon stanza has
// a sentence in langRows, so a stanza cannot be added without a test.
func TestLexiconLanguagesTested(t *testing.T) {
	tested := map[string]bool{}
	for _, r := range langRows {
		tested["lexicon."+r.lang+"."+r.reason] = true
		if Lookup("lexicon."+r.lang+"."+r.reason) == nil {
			t.Errorf("row %s %s: no stanza lexicon.%s.%s", r.lang, r.reason, r.lang, r.reason)
		}
	}
	langs := map[string]bool{}
	for _, e := range Entries() {
		lang := lexiconLang(e.ID)
		if e.Provider != "lexicon" || lang == "" || lang == "en" {
			continue
		}
		langs[lang] = true
		if !tested[e.ID] {
			t.Errorf("%s: no sentence in langRows", e.ID)
		}
		if len(e.Texts) == 0 {
			t.Errorf("%s: no phrases", e.ID)
		}
		if e.Explanation == "" || e.Action == "" || e.Retry == "" || e.Who == "" {
			t.Errorf("%s: explanation, action, retry or who not filled in from lexicon.en.%s", e.ID, e.Reason)
		}
	}
	want := []string{"cs", "da", "de", "es", "fi", "fr", "hu", "it", "ja", "ko", "lv", "nl", "no", "pl", "pt", "ru", "sv", "tr", "zh"}
	for _, l := range want {
		if !langs[l] {
			t.Errorf("no lexicon stanzas for language %q", l)
		}
	}
	var got []string
	for l := range langs {
		got = append(got, l)
	}
	slices.Sort(got)
	t.Logf("lexicon languages besides English: %s", strings.Join(got, " "))
}

// TestLexiconAddressDoesNotExist checks the Spanish and Portuguese "the
// address does not exist" wordings, whose subject and verb are apart.
func TestLexiconAddressDoesNotExist(t *testing.T) {
	for _, in := range []string{
		"550 La dirección de correo no existe",
		"550 5.1.1 La cuenta de correo indicada no existe en este servidor",
		"550 O endereço de email não existe",
		"550 5.1.1 A conta de destino não existe",
	} {
		if h, ok := Lexicon(in); !ok || h.Entry.Reason != "userunknown" {
			t.Errorf("Lexicon(%q) = %v, %v; want userunknown", in, h.Entry, ok)
		}
	}
}
