// Portfolio page: loads projects, skills and stats from /api, and submits the contact form.
// Everything from the server is inserted with textContent, never as HTML.
'use strict';

(function () {
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function getJson(path) {
    return fetch(path, { headers: { Accept: 'application/json' } }).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    });
  }

  function setStatus(name, text, isError) {
    var status = document.querySelector('[data-status="' + name + '"]');
    status.textContent = text;
    status.classList.toggle('error', Boolean(isError));
  }

  function renderProjects(projects) {
    var list = document.querySelector('[data-list="projects"]');
    list.replaceChildren();
    projects.forEach(function (project) {
      var card = el('li', 'card');
      card.dataset.projectId = project.id;
      if (project.featured) card.appendChild(el('span', 'badge', 'Featured'));
      var title = el('h3');
      if (project.url) {
        var link = el('a', '', project.name);
        link.href = project.url;
        link.rel = 'noopener';
        title.appendChild(link);
      } else {
        title.textContent = project.name;
      }
      card.appendChild(title);
      card.appendChild(el('p', '', project.description));
      var tags = el('ul', 'tags');
      tags.setAttribute('aria-label', 'Technologies');
      project.technologies.forEach(function (tech) {
        tags.appendChild(el('li', '', tech));
      });
      card.appendChild(tags);
      list.appendChild(card);
    });
    setStatus('projects', projects.length ? '' : 'No projects yet.');
  }

  function meter(level) {
    var wrap = el('span', 'meter');
    wrap.setAttribute('role', 'img');
    wrap.setAttribute('aria-label', 'Proficiency ' + level + ' of 5');
    for (var i = 1; i <= 5; i++) wrap.appendChild(el('span', i <= level ? 'on' : ''));
    return wrap;
  }

  function renderSkills(skills) {
    var container = document.querySelector('[data-list="skills"]');
    container.replaceChildren();
    var groups = new Map();
    skills.forEach(function (skill) {
      if (!groups.has(skill.category)) groups.set(skill.category, []);
      groups.get(skill.category).push(skill);
    });
    groups.forEach(function (items, category) {
      var group = el('section', 'skill-group');
      group.dataset.category = category;
      group.appendChild(el('h3', '', category));
      var list = el('ul');
      items.forEach(function (skill) {
        var item = el('li', 'skill');
        item.appendChild(el('span', 'skill-name', skill.name));
        if (skill.proficiency) item.appendChild(meter(skill.proficiency));
        list.appendChild(item);
      });
      group.appendChild(list);
      container.appendChild(group);
    });
    setStatus('skills', skills.length ? '' : 'No skills listed yet.');
  }

  function renderStats(stats) {
    var box = document.querySelector('.stats');
    document.querySelectorAll('[data-stat]').forEach(function (node) {
      var value = stats[node.dataset.stat];
      node.textContent = typeof value === 'number' ? value.toLocaleString() : '–';
    });
    box.dataset.state = 'ready';
    box.removeAttribute('aria-busy');
  }

  function loadAll() {
    getJson('/api/projects').then(renderProjects, function () {
      setStatus(
        'projects',
        'Projects could not be loaded. Please reload the page in a moment.',
        true,
      );
    });
    getJson('/api/skills').then(renderSkills, function () {
      setStatus('skills', 'Skills could not be loaded. Please reload the page in a moment.', true);
    });
    loadStats();
  }

  function loadStats() {
    getJson('/api/stats').then(renderStats, function () {
      document.querySelector('.stats').dataset.state = 'error';
    });
  }

  function clearErrors(form) {
    form.querySelectorAll('[data-error-for]').forEach(function (node) {
      node.textContent = '';
    });
    form.querySelectorAll('[aria-invalid]').forEach(function (node) {
      node.removeAttribute('aria-invalid');
    });
  }

  function showErrors(form, errors) {
    var first = null;
    Object.keys(errors).forEach(function (field) {
      var input = form.elements.namedItem(field);
      var slot = form.querySelector('[data-error-for="' + field + '"]');
      if (slot) slot.textContent = errors[field];
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        if (!first) first = input;
      }
    });
    if (first) first.focus();
  }

  function showStatus(form, isError, text, echo) {
    var status = form.querySelector('[data-form-status]');
    status.replaceChildren(el('p', '', text));
    status.classList.toggle('error', isError);
    if (echo !== undefined) {
      var quote = el('blockquote', 'echo', echo);
      status.appendChild(quote);
    }
  }

  function submitContact(event) {
    event.preventDefault();
    var form = event.currentTarget;
    var button = form.querySelector('button[type="submit"]');
    var body = {
      name: form.elements.namedItem('name').value,
      email: form.elements.namedItem('email').value,
      message: form.elements.namedItem('message').value,
    };
    clearErrors(form);
    button.disabled = true;
    fetch('/api/contact', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (data) {
            if (response.status === 201) {
              form.reset();
              showStatus(
                form,
                false,
                'Thank you, ' + body.name.trim() + '! Your message was received:',
                body.message,
              );
              form.dataset.sentId = data.id;
              loadStats();
            } else if (response.status === 400 && data.errors) {
              showErrors(form, data.errors);
              showStatus(form, true, data.error || 'Please correct the highlighted fields.');
            } else {
              showStatus(
                form,
                true,
                data.error || 'The message could not be sent. Please try again later.',
              );
            }
          });
      })
      .catch(function () {
        showStatus(form, true, 'The message could not be sent: the network is unavailable.');
      })
      .finally(function () {
        button.disabled = false;
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('contact-form').addEventListener('submit', submitContact);
    loadAll();
  });
})();
